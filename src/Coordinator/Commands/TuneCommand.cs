using System.CommandLine;
using System.Globalization;
using Tuner.Coordinator.Coordination;
using Tuner.Coordinator.FinalModel;
using Tuner.Coordinator.Hosting;
using Tuner.Coordinator.Persistence;
using Tuner.Coordinator.Reporting;
using Tuner.Coordinator.Scheduling;
using Tuner.Coordinator.SearchSpaces;
using Tuner.Shared.Hosting;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Tls;
using Tuner.TrialWorker.Commands;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.Commands;

/// <summary>
/// `tuner tune`: runs a study. With --local, the coordinator and its workers share this process; otherwise this
/// process is the coordinator of a cluster that `trial-worker` processes join.
/// </summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var study = new Option<string>("--study") { Description = "A built-in study (seed-mlp, seed-mlp-regularized, cnn) or a study file", DefaultValueFactory = _ => "seed-mlp" };
        var schedule = new Option<string?>("--schedule") { Description = "hyperband, keras or asha (default: the study's)" };
        schedule.AcceptOnlyFromAmong("hyperband", "keras", "asha");
        var maxEpochs = new Option<int?>("--max-epochs") { Description = "R: the most epochs one configuration is trained (default: the study's)" };
        var factor = new Option<int?>("--factor") { Description = "eta: each rung keeps 1/eta of the configurations (default: the study's)" };
        var iterations = new Option<int?>("--iterations") { Description = "How many times the brackets are run (default: the study's)" };
        var seed = new Option<long>("--seed") { Description = "Seed of sampling and of every trial's initialisation and shuffling", DefaultValueFactory = _ => 1 };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "How often a run lost with its worker is given out before it counts as failed", DefaultValueFactory = _ => HyperbandEngine.DefaultMaxAttempts };
        var local = new Option<bool>("--local") { Description = "Run the workers in this process; no network listener" };
        var workers = new Option<int>("--workers") { Description = "Workers in local mode, one trial each", DefaultValueFactory = _ => Environment.ProcessorCount };
        var threads = new Option<int>("--threads") { Description = "Torch threads per trial", DefaultValueFactory = _ => 1 };
        var host = new Option<string?>("--host") { Description = "Address to listen on in cluster mode (default 127.0.0.1; or Node:Hostname)" };
        var publicHost = new Option<string?>("--public-host") { Description = "Name other machines reach this node by (needed with --host 0.0.0.0)" };
        var port = new Option<int?>("--port") { Description = "Port to listen on in cluster mode (default 4053; or Node:Port)" };
        var progressTimeout = new Option<TimeSpan?>("--progress-timeout") { Description = $"A trial silent this long is given to another worker (default {new StudyRunSettings().ProgressTimeout}; or Study:ProgressTimeout)" };
        foreach (var positive in new[] { workers, threads, maxAttempts })
        {
            positive.AtLeast(1);
        }
        var retrainEpochs = new Option<int>("--retrain-epochs") { Description = "Epochs to retrain the best hyperparameters from scratch before the test evaluation, as the seed did (0: skip)", DefaultValueFactory = _ => 15 };
        var outputDirectory = new Option<DirectoryInfo?>("--output") { Description = "The study directory for the final model and results (default runs/<study>)" };
        var journal = new Option<string?>("--journal") { Description = "Where the study is journaled so that it survives a crash: sqlite (journal.db in the study directory) or postgresql (default sqlite; or Persistence:Provider)" };
        var journalConnection = new Option<string?>("--journal-connection") { Description = "The journal's connection string: required for postgresql, e.g. \"Host=db;Database=tuner;Username=tuner;Password=...\" (or Persistence:ConnectionString)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the study recorded in the study directory even if the one given differs (the recorded definition, schedule and seed win)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Delete the journal and checkpoints recorded in the study directory and start afresh" };
        var plainLogs = new Option<bool>("--plain") { Description = "Log lines instead of the live view, even in a terminal (the view is off anyway when output is redirected)" };
        var data = new DataCommandOptions();
        var tls = new TlsCommandOptions();
        var command = new Command("tune", "Run a study: Hyperband over the study's search space, trials trained by workers, the best one evaluated on the test split.")
        {
            study, schedule, maxEpochs, factor, iterations, seed, maxAttempts, local, workers, threads, host, publicHost, port, progressTimeout,
            retrainEpochs, outputDirectory, journal, journalConnection, resume, overwrite, plainLogs,
        };
        data.AddTo(command);
        tls.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var chosen = StudySource.Resolve(result.GetValue(study)!);
                var plan = chosen.Schedule with
                {
                    Kind = result.GetValue(schedule) is { } kind ? Enum.Parse<ScheduleKind>(kind, ignoreCase: true) : chosen.Schedule.Kind,
                    MaxEpochs = result.GetValue(maxEpochs) ?? chosen.Schedule.MaxEpochs,
                    Factor = result.GetValue(factor) ?? chosen.Schedule.Factor,
                    Iterations = result.GetValue(iterations) ?? chosen.Schedule.Iterations,
                };
                if (plan.Problems() is [var problem, ..])
                {
                    error.WriteLine(problem);
                    return 2;
                }
                if (result.GetValue(resume) && result.GetValue(overwrite))
                {
                    error.WriteLine("--resume and --overwrite exclude each other: continue the recorded study, or delete it and start afresh");
                    return 2;
                }
                var directory = result.GetValue(outputDirectory)?.FullName ?? Path.Combine("runs", chosen.Name);
                var settings = new TuneSettings(
                    chosen,
                    plan,
                    result.GetValue(seed),
                    result.GetValue(maxAttempts),
                    data.Read(result),
                    result.GetValue(threads),
                    result.GetValue(local) ? result.GetValue(workers) : null,
                    tls.Overrides(result, new ConfigurationOverrides())
                        .Set("Node:Hostname", result.GetValue(host))
                        .Set("Node:PublicHostname", result.GetValue(publicHost))
                        .Set("Node:Port", result.GetValue(port))
                        .Set("Study:ProgressTimeout", result.GetValue(progressTimeout))
                        .Set("Persistence:Provider", result.GetValue(journal))
                        .Set("Persistence:ConnectionString", result.GetValue(journalConnection))
                        .Values)
                {
                    Directory = directory,
                    Existing = result.GetValue(overwrite) ? ExistingStudy.Overwrite : result.GetValue(resume) ? ExistingStudy.Resume : ExistingStudy.ResumeSame,
                };
                // Before the study starts: data that cannot be read must stop the command, not fail every trial and leave
                // a journal of failures that a corrected rerun would resume as a finished study.
                using var dataset = PreparedDataset.From(DatasetSource.LoadSplits(settings.Data));
                var liveView = !Console.IsOutputRedirected && !result.GetValue(plainLogs);
                var ended = await StudyHost.RunAsync(settings, new Lazy<PreparedDataset>(dataset), liveView, turnaround: null, cancellation);
                Summarize(ended, settings, dataset, output);
                if (ended.Status.Best is not { } best)
                {
                    return 1;
                }
                if (ended.AlreadyFinished && File.Exists(Path.Combine(directory, StudyReportWriter.ReportName)))
                {
                    output.WriteLine($"Study {chosen.Name} had already finished; nothing was trained again. Report: {Path.GetFullPath(Path.Combine(directory, StudyReportWriter.ReportName))}");
                    return 0;
                }
                var final = result.GetValue(retrainEpochs) is > 0 and var epochs
                    ? Retrain(best.Hyperparameters, settings, dataset, epochs, directory, output, cancellation)
                    : null;
                var files = StudyReportWriter.Write(directory, StudyResultsBuilder.From(chosen.Name, settings.Seed, ended, DateTimeOffset.Now, final));
                output.WriteLine($"Report: {Path.GetFullPath(files.Report)}");
                return 0;
            }
            catch (Exception e) when (e is StudyFileException or DataFileException or ArgumentException or InvalidDataException or StudyMismatchException or StudyJournalException)
            {
                error.WriteLine(e.InnerException is FormatException inner ? $"{e.Message} {inner.Message}" : e.Message);
                return 2;
            }
        });
        return command;
    }

    // The seed's ending: best score so far, elapsed time, best hyperparameters; then the test split, once.
    private static void Summarize(StudyEnded ended, TuneSettings settings, PreparedDataset data, TextWriter output)
    {
        var status = ended.Status;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Runs: {status.RunsCompleted} (Keras Tuner's trials), configurations: {status.Trials.Length}, epochs trained: {status.EpochsTrained}, failed: {status.Trials.Count(t => t.Outcome == TrialOutcome.Failed)}"));
        if (status.Best is not { } best)
        {
            output.WriteLine("No trial succeeded; see the log for why.");
            return;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Best val_accuracy So Far: {best.ValAccuracy}"));
        output.WriteLine($"Total elapsed time: {(int)ended.Elapsed.TotalHours:00}h {ended.Elapsed.Minutes:00}m {ended.Elapsed.Seconds:00}s");
        output.WriteLine($"Best hyperparameters (trial {best.TrialId}, bracket {best.Bracket}, rung {best.Rung}, {best.Epochs} epochs): {best.Hyperparameters}");
        if (ended.BestCheckpoint is null)
        {
            return;
        }
        using var session = TrialSession.Resume(best.Hyperparameters, data.Shape, ended.BestCheckpoint);
        var test = new Trainer(new TrainerOptions(settings.ThreadsPerTrial)).Evaluate(session, data, DataSplit.Test);
        output.WriteLine($"{KerasStyleReport.Test(test)} (the best trial, as Keras Tuner's get_best_models restores it)");
    }

    private static FinalModelResult Retrain(HyperparameterSet hyperparameters, TuneSettings settings, PreparedDataset data, int epochs, string directory, TextWriter output, CancellationToken cancellation)
    {
        output.WriteLine();
        output.WriteLine($"Retraining the best hyperparameters from scratch for {epochs} epochs");
        var steps = (data.Train.Count + OptimizerSpec.BatchSize(hyperparameters) - 1) / OptimizerSpec.BatchSize(hyperparameters);
        var final = FinalModelTrainer.Train(hyperparameters, data, epochs, settings.Seed, settings.ThreadsPerTrial, metrics => output.WriteLine(KerasStyleReport.Epoch(metrics, epochs, steps)), cancellation);
        if (final.Test is not { } test)
        {
            output.WriteLine($"Retraining failed: {final.History.FailureReason}");
            return final;
        }
        output.WriteLine(KerasStyleReport.Test(test));
        var modelDirectory = Path.Combine(directory, "model");
        SavedModel.Save(modelDirectory, final);
        output.WriteLine($"Final model saved in {Path.GetFullPath(modelDirectory)}");
        return final;
    }
}
