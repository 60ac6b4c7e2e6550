using System.CommandLine;
using System.Globalization;
using Tuner.Shared.Hyperparameters;
using Tuner.Shared.Trials;
using Tuner.TrialWorker.Commands;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Models;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.Commands;

/// <summary>`tuner trial`: trains one configuration on this machine and prints its epochs and final test accuracy.</summary>
public static class TrialCommand
{
    public static Command Create()
    {
        var data = new DataCommandOptions();
        var set = new Option<string[]>("--set")
        {
            Description = "A hyperparameter as name=value; repeat for each (e.g. --set learning_rate=0.001 --set num_layers=3).",
            AllowMultipleArgumentsPerToken = false,
        };
        var file = new Option<FileInfo?>("--hyperparameters")
        {
            Description = "A JSON object of hyperparameters; --set values override it.",
        };
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Seed of the trial's initial weights, shuffles and dropout.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Torch threads for this trial.", DefaultValueFactory = _ => 1 };
        var batchSize = new Option<int?>("--batch-size") { Description = "Batch size (overrides the batch_size hyperparameter; default 32)." };
        epochs.AtLeast(1);
        threads.AtLeast(1);

        var command = new Command("trial", "Train one configuration, printing each epoch as Keras does, then its test accuracy.");
        data.AddTo(command);
        foreach (Option option in new Option[] { set, file, epochs, seed, threads, batchSize })
        {
            command.Options.Add(option);
        }
        command.SetAction((result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var hyperparameters = ReadAssignment(result.GetValue(file), result.GetValue(set) ?? [], result.GetValue(batchSize));
                var dataOptions = data.Read(result);
                var splits = DatasetSource.LoadSplits(dataOptions);
                using var prepared = PreparedDataset.From(splits);
                var trainer = new Trainer(new TrainerOptions(result.GetValue(threads)));
                var epochCount = result.GetValue(epochs);
                output.WriteLine($"Trial on {dataOptions.Dataset.Text()}: {hyperparameters}");
                return Task.FromResult(Train(trainer, prepared, hyperparameters, result.GetValue(seed), epochCount, output, cancellation));
            }
            catch (Exception e) when (e is InvalidHyperparametersException or DataFileException or IOException)
            {
                error.WriteLine(e.Message);
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static int Train(Trainer trainer, PreparedDataset data, HyperparameterSet hyperparameters, long seed, int epochs, TextWriter output, CancellationToken cancellation)
    {
        using var session = TrialSession.Start(hyperparameters, data.Shape, seed);
        var steps = (data.Train.Count + session.BatchSize - 1) / session.BatchSize;
        output.WriteLine($"Network: {session.Network.ParameterCount:N0} parameters, batch size {session.BatchSize}");
        // Keras Tuner's get_best_models restores the epoch with the best val_accuracy, and the seed's test figure
        // comes from that epoch: keep its checkpoint to report the same figure beside the last epoch's.
        EpochMetrics? best = null;
        byte[]? bestCheckpoint = null;
        var outcome = trainer.Train(session, data, epochs, new LineProgress(metrics =>
        {
            output.WriteLine(KerasStyleReport.Epoch(metrics, epochs, steps));
            if (best is null || metrics.ValidationAccuracy > best.ValidationAccuracy)
            {
                best = metrics;
                bestCheckpoint = session.Checkpoint();
            }
        }), cancellation);
        if (!outcome.Succeeded)
        {
            output.WriteLine($"Trial failed: {outcome.FailureReason}");
            return 1;
        }
        output.WriteLine($"{KerasStyleReport.Test(trainer.Evaluate(session, data, DataSplit.Test))} (last epoch)");
        if (best is not null && bestCheckpoint is not null && best.Epoch != outcome.Epochs[^1].Epoch)
        {
            using var restored = TrialSession.Resume(hyperparameters, data.Shape, bestCheckpoint);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{KerasStyleReport.Test(trainer.Evaluate(restored, data, DataSplit.Test))} (epoch {best.Epoch}, the best val_accuracy, as Keras Tuner restores it)"));
        }
        return 0;
    }

    private static HyperparameterSet ReadAssignment(FileInfo? file, string[] assignments, int? batchSize)
    {
        var start = file is null ? HyperparameterSet.Empty : HyperparameterArguments.ParseJson(ReadFile(file), file.FullName);
        var assignment = HyperparameterArguments.Parse(assignments, start);
        if (batchSize is { } size)
        {
            assignment = assignment.With(HyperparameterNames.BatchSize, new HyperparameterValue.WholeNumber(size));
        }
        NetworkSpec.From(assignment, InputShape.Mnist);
        OptimizerSpec.From(assignment);
        OptimizerSpec.BatchSize(assignment);
        return assignment;
    }

    private static string ReadFile(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Could not read --hyperparameters '{file.FullName}' ({e.Message}); give a readable JSON file.", e);
        }
    }

    /// <summary>Reports on the training thread itself, so lines appear as epochs end and in order.</summary>
    private sealed class LineProgress(Action<EpochMetrics> report) : IProgress<EpochMetrics>
    {
        public void Report(EpochMetrics value) => report(value);
    }
}
