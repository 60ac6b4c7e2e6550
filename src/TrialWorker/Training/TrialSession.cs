using Tuner.Shared.Hyperparameters;
using Tuner.TrialWorker.Models;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// Everything one trial's training depends on: its network, optimizer, the generator that draws its initial weights,
/// shuffles and dropout masks, and the number of epochs done. A checkpoint of it restores training exactly, in a new
/// process or on another machine.
/// </summary>
public sealed class TrialSession : IDisposable
{
    private TrialSession(HyperparameterSet hyperparameters, InputShape input, Generator generator)
    {
        Hyperparameters = hyperparameters;
        var optimizerSpec = OptimizerSpec.From(hyperparameters);
        BatchSize = OptimizerSpec.BatchSize(hyperparameters);
        Generator = generator;
        Network = ModelBuilder.Build(hyperparameters, input, generator);
        Optimizer = FlatOptimizer.Create(optimizerSpec, Network.ParameterCount);
    }

    public HyperparameterSet Hyperparameters { get; }

    public TrialNetwork Network { get; }

    public int BatchSize { get; }

    /// <summary>Epochs trained so far; the next training run starts after them (Keras's initial_epoch).</summary>
    public int CompletedEpochs { get; internal set; }

    internal Generator Generator { get; }

    internal FlatOptimizer Optimizer { get; }

    /// <summary>A fresh trial whose every random draw follows from <paramref name="seed"/>.</summary>
    /// <exception cref="InvalidHyperparametersException">The assignment cannot be built or trained.</exception>
    public static TrialSession Start(HyperparameterSet hyperparameters, InputShape input, long seed) =>
        new(hyperparameters, input, new Generator(unchecked((ulong)seed)));

    /// <summary>The trial as it was when <paramref name="checkpoint"/> was taken.</summary>
    /// <exception cref="CheckpointFormatException">The bytes are not a checkpoint of this assignment.</exception>
    public static TrialSession Resume(HyperparameterSet hyperparameters, InputShape input, byte[] checkpoint)
    {
        var session = new TrialSession(hyperparameters, input, new Generator(0));
        try
        {
            var (completedEpochs, optimizerSteps, generatorState) = TrialCheckpoint.Read(checkpoint, hyperparameters.ToString(), [.. session.StateTensors]);
            using var current = session.Generator.get_state();
            if (generatorState.Length != current.bytes.Length)
            {
                throw new CheckpointFormatException($"the checkpoint's generator state has {generatorState.Length} bytes where this TorchSharp's has {current.bytes.Length}");
            }
            using var restored = tensor(generatorState, ScalarType.Byte);
            session.Generator.set_state(restored);
            session.CompletedEpochs = completedEpochs;
            session.Optimizer.StepCount = optimizerSteps;
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The bytes that <see cref="Resume"/> turns back into this trial; take it between epochs.</summary>
    public byte[] Checkpoint()
    {
        using var generatorState = Generator.get_state();
        return TrialCheckpoint.Write(Hyperparameters.ToString(), CompletedEpochs, Optimizer.StepCount, StateTensors, generatorState);
    }

    public void Dispose()
    {
        Network.Dispose();
        Optimizer.Dispose();
        Generator.Dispose();
    }

    private IEnumerable<Tensor> StateTensors => Network.StateTensors.Concat(Optimizer.StateTensors);
}
