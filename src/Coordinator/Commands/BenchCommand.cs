using System.CommandLine;
using System.Globalization;
using Tuner.Shared.Hyperparameters;
using Tuner.TrialWorker.Data;
using Tuner.TrialWorker.Training;

namespace Tuner.Coordinator.Commands;

/// <summary>
/// `tuner bench`: seconds per training epoch of the seed's models on MNIST-shaped random data (no dataset needed),
/// or, with --trials, a worker's memory over many consecutive trials.
/// </summary>
public static class BenchCommand
{
    private static readonly int[][] Models = [[120, 15, 75], [120, 105, 120]];

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Timed epochs per model and batch size; the first also warms up and is not counted when there are more.", DefaultValueFactory = _ => 3 };
        var batchSizes = new Option<int[]>("--batch-sizes") { Description = "Batch sizes to time.", DefaultValueFactory = _ => [32, 128], AllowMultipleArgumentsPerToken = true };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 1 };
        var images = new Option<int>("--images") { Description = "Random training images (28x28).", DefaultValueFactory = _ => 60_000 };
        var trials = new Option<int>("--trials") { Description = "Instead of timing, train this many consecutive one-epoch trials and print peak RSS after every 10.", DefaultValueFactory = _ => 0 };
        foreach (var positive in new[] { epochs, threads, images })
        {
            positive.AtLeast(1);
        }

        var command = new Command("bench", "Time training epochs of the seed's models (784-120-15-75-10, 784-120-105-120-10) on random MNIST-shaped data; `bench coordinator` measures the coordinator instead.");
        command.Subcommands.Add(CoordinatorBenchCommand.Create());
        foreach (Option option in new Option[] { epochs, batchSizes, threads, images, trials })
        {
            command.Options.Add(option);
        }
        command.SetAction((result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            using var data = PreparedDataset.From(RandomSplits(result.GetValue(images)));
            var trainer = new Trainer(new TrainerOptions(result.GetValue(threads)));
            if (result.GetValue(trials) is > 0 and var trialCount)
            {
                RunTrials(trainer, data, trialCount, output, cancellation);
            }
            else
            {
                TimeEpochs(trainer, data, result.GetValue(batchSizes) ?? [32, 128], result.GetValue(epochs), result.GetValue(threads), output, cancellation);
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static void TimeEpochs(Trainer trainer, PreparedDataset data, int[] batchSizes, int epochs, int threads, TextWriter output, CancellationToken cancellation)
    {
        output.WriteLine($"# TorchSharp, {threads} thread(s), {data.Train.Count} random images, Adam 0.001; seconds per epoch: mean of the epochs after the first (which warms up) and the fastest epoch, steadier on a busy machine");
        output.WriteLine("# implementation\tmodel\tbatch\tseconds_per_epoch\tfastest_epoch_seconds\tseconds_of_each_epoch");
        foreach (var hidden in Models)
        {
            foreach (var batch in batchSizes)
            {
                using var session = TrialSession.Start(Assignment(hidden, batch), data.Shape, 1);
                var outcome = trainer.Train(session, data, epochs, cancellation: cancellation);
                var seconds = outcome.Epochs.Select(epoch => epoch.Duration.TotalSeconds).ToList();
                var counted = seconds.Count > 1 ? seconds.Skip(1).ToList() : seconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"torchsharp\t784-{string.Join('-', hidden)}-10\t{batch}\t{counted.Average():F3}\t{counted.Min():F3}\t{string.Join(' ', seconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}"));
            }
        }
    }

    // Varied sizes from the seed's space, so that a leak tied to one shape cannot hide behind allocator reuse.
    private static void RunTrials(Trainer trainer, PreparedDataset data, int trials, TextWriter output, CancellationToken cancellation)
    {
        var random = new Random(7);
        output.WriteLine($"# {trials} consecutive one-epoch trials (2-5 hidden layers of 15-120 units, batch 128) on {data.Train.Count} random images, a checkpoint and a collection after each, as a worker runs them");
        for (var trial = 1; trial <= trials; trial++)
        {
            var hidden = Enumerable.Range(0, random.Next(2, 6)).Select(_ => random.Next(15, 121)).ToArray();
            using (var session = TrialSession.Start(Assignment(hidden, 128), data.Shape, trial))
            {
                trainer.Train(session, data, 1, cancellation: cancellation);
                session.Checkpoint();
            }
            TrialMemory.CollectBetweenTrials();
            if (trial % 10 == 0 || trial == trials)
            {
                output.WriteLine($"after {trial,3} trials: peak RSS {ProcessMemory.Read("VmHWM")} MiB, current RSS {ProcessMemory.Read("VmRSS")} MiB, managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB");
            }
        }
    }

    private static HyperparameterSet Assignment(int[] hidden, int batch)
    {
        var set = HyperparameterSet.Empty
            .With("learning_rate", new HyperparameterValue.RealNumber(0.001))
            .With("num_layers", new HyperparameterValue.WholeNumber(hidden.Length))
            .With("batch_size", new HyperparameterValue.WholeNumber(batch));
        for (var i = 0; i < hidden.Length; i++)
        {
            set = set.With($"num_units_{i}", new HyperparameterValue.WholeNumber(hidden[i]));
        }
        return set;
    }

    private static DatasetSplits RandomSplits(int trainImages)
    {
        var random = new Random(1);
        ImageSet Random(string name, int count)
        {
            var pixels = new byte[count * 784];
            var labels = new byte[count];
            random.NextBytes(pixels);
            for (var i = 0; i < count; i++)
            {
                labels[i] = (byte)random.Next(10);
            }
            return new ImageSet(name, 28, 28, pixels, labels);
        }
        // Tiny evaluation splits: the figures are about training steps.
        return new DatasetSplits(Random("train", trainImages), Random("validation", 10), Random("test", 10));
    }

}
