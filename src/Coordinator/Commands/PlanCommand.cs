using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Coordinator.Simulation;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Commands;

/// <summary>
/// `tuner plan`: previews a schedule's brackets and budget, and with --simulate runs a fake-trainer study through the
/// engine to show what a real run would do.
/// </summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var maxEpochs = new Option<int>("--max-epochs") { Description = "R: the most epochs one configuration is trained", Required = true };
        maxEpochs.AtLeast(1);
        var factor = new Option<int>("--factor") { Description = "eta: each rung keeps 1/eta of the configurations, for eta times the epochs", Required = true };
        factor.AtLeast(2, " (each rung keeps 1/factor of the one before)");
        var schedule = new Option<string>("--schedule") { Description = "hyperband (the paper's), keras (Keras Tuner's sizes) or asha", Required = true };
        schedule.AcceptOnlyFromAmong("hyperband", "keras", "asha");
        var iterations = new Option<int>("--iterations") { Description = "How many times the brackets are run", DefaultValueFactory = _ => 1 };
        iterations.AtLeast(1);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var simulate = new Option<bool>("--simulate") { Description = "Also run the schedule through the engine with a fake trainer and print its totals" };
        var seed = new Option<long>("--seed") { Description = "Sampling seed of the simulation", DefaultValueFactory = _ => 1 };
        var study = new Option<string>("--study") { Description = "Study of the simulation: a built-in name or a study file", DefaultValueFactory = _ => "seed-mlp" };
        var workers = new Option<int>("--workers") { Description = "Simulated workers", DefaultValueFactory = _ => 1 };
        workers.AtLeast(1);

        var command = new Command("plan", "Print a schedule's brackets, rungs and budget (configurations, runs, epochs with checkpoint reuse).")
        {
            maxEpochs, factor, schedule, iterations, json, simulate, seed, study, workers,
        };
        command.SetAction(parse =>
        {
            var options = new ScheduleOptions(
                StudyFile.ParseScheduleName(parse.GetValue(schedule))!.Value,
                parse.GetValue(maxEpochs),
                parse.GetValue(factor),
                parse.GetValue(iterations));
            var plan = SchedulePlanner.Plan(options);
            SimulationResult? simulation = null;
            if (parse.GetValue(simulate))
            {
                Study chosen;
                try
                {
                    chosen = StudySource.Resolve(parse.GetValue(study)!);
                }
                catch (StudyFileException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine($"--study: {e.Message}");
                    return 1;
                }
                var engine = HyperbandEngine.Start(chosen, options, parse.GetValue(seed));
                simulation = new StudySimulation(engine, new FakeTrainer(parse.GetValue(seed)), new SimulationOptions(parse.GetValue(workers))).RunToEnd();
            }
            var output = parse.InvocationConfiguration.Output;
            output.Write(parse.GetValue(json) ? Json(plan, simulation) : Table(plan, simulation));
            return 0;
        });
        return command;
    }

    public static string Table(SchedulePlan plan, SimulationResult? simulation)
    {
        var o = plan.Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{StudyFile.ScheduleName(o.Kind)} schedule: max epochs {o.MaxEpochs}, factor {o.Factor}, {o.Iterations} iteration{(o.Iterations == 1 ? "" : "s")}");
        text.AppendLine(o.Kind == ScheduleKind.Asha ? "ladder  rungs: configurations x epochs (nominal)" : "bracket  rungs: configurations x epochs");
        foreach (var bracket in plan.Brackets)
        {
            var rungs = string.Join("  ", bracket.Rungs.Select(r => $"{r.Configurations,3} x {r.Epochs,-3}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"{bracket.Bracket,7}  {rungs.TrimEnd()}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"total: {plan.Configurations} configurations, {plan.Runs} runs, {plan.Epochs} epochs trained (promoted configurations resume from their checkpoints)");
        if (simulation is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"simulation: {simulation.Trials} trials, {simulation.Runs} runs, {simulation.Epochs} epochs, {simulation.FailedTrials} failed, {simulation.LostRuns} lost runs");
            text.AppendLine(CultureInfo.InvariantCulture, $"makespan with {simulation.Workers} worker{(simulation.Workers == 1 ? "" : "s")}: {simulation.Makespan:0.#} epochs (ideal {simulation.IdealMakespan:0.#}: epochs / workers; a run takes as long as its epochs)");
            if (simulation.Best is { } best)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"best trial {best.TrialId}: val_accuracy {best.ValAccuracy:F4} after {best.Epochs} epochs (bracket {best.Bracket}, rung {best.Rung}): {best.Hyperparameters}");
            }
        }
        return text.ToString();
    }

    /// <summary>The issue's shape: {"schedule", "brackets": [{"bracket", "rungs": [{"configurations", "epochs"}]}], "configurations", "runs", "epochs"}.</summary>
    public static string Json(SchedulePlan plan, SimulationResult? simulation)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("schedule", StudyFile.ScheduleName(plan.Options.Kind));
            writer.WriteStartArray("brackets");
            foreach (var bracket in plan.Brackets)
            {
                writer.WriteStartObject();
                writer.WriteNumber("bracket", bracket.Bracket);
                writer.WriteStartArray("rungs");
                foreach (var rung in bracket.Rungs)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("configurations", rung.Configurations);
                    writer.WriteNumber("epochs", rung.Epochs);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("configurations", plan.Configurations);
            writer.WriteNumber("runs", plan.Runs);
            writer.WriteNumber("epochs", plan.Epochs);
            if (simulation is not null)
            {
                WriteSimulation(writer, simulation);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteSimulation(Utf8JsonWriter writer, SimulationResult simulation)
    {
        writer.WriteStartObject("simulation");
        writer.WriteNumber("trials", simulation.Trials);
        writer.WriteNumber("runs", simulation.Runs);
        writer.WriteNumber("epochs", simulation.Epochs);
        writer.WriteNumber("failed_trials", simulation.FailedTrials);
        writer.WriteNumber("lost_runs", simulation.LostRuns);
        writer.WriteNumber("workers", simulation.Workers);
        writer.WriteNumber("makespan_epochs", simulation.Makespan);
        writer.WriteNumber("ideal_makespan_epochs", simulation.IdealMakespan);
        if (simulation.Best is { } best)
        {
            writer.WriteStartObject("best");
            writer.WriteNumber("trial", best.TrialId);
            writer.WriteNumber("val_accuracy", best.ValAccuracy);
            writer.WriteNumber("epochs", best.Epochs);
            writer.WriteNumber("bracket", best.Bracket);
            writer.WriteNumber("rung", best.Rung);
            writer.WritePropertyName("hyperparameters");
            new HyperparameterSetJsonConverter().Write(writer, best.Hyperparameters, JsonSerializerOptions.Default);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
