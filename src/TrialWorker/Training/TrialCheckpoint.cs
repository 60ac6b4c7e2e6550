using System.Text;
using static TorchSharp.torch;

namespace Tuner.TrialWorker.Training;

/// <summary>
/// The byte layout of a trial checkpoint: a header naming the format and the assignment it belongs to, the completed
/// epochs, the optimizer's step count, every state tensor as raw little-endian bytes, and the trial generator's state.
/// Tensors are written in an order fixed by the network and optimizer, so only the sizes need checking on restore.
/// </summary>
internal static class TrialCheckpoint
{
    private const string Magic = "TUNER-TRIAL-CHECKPOINT";
    private const int Version = 1;

    public static byte[] Write(string assignment, int completedEpochs, long optimizerSteps, IEnumerable<Tensor> state, Tensor generatorState)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(assignment);
            writer.Write(completedEpochs);
            writer.Write(optimizerSteps);
            var tensors = state.Append(generatorState).ToList();
            writer.Write(tensors.Count);
            foreach (var tensor in tensors)
            {
                var bytes = tensor.bytes;
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Copies the checkpoint's tensors into <paramref name="state"/>, returning the completed epochs, the optimizer's
    /// step count and the generator's state.
    /// </summary>
    public static (int CompletedEpochs, long OptimizerSteps, byte[] GeneratorState) Read(byte[] checkpoint, string assignment, IReadOnlyList<Tensor> state)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(checkpoint, writable: false), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != Version)
            {
                throw new CheckpointFormatException($"these bytes are not a version {Version} trial checkpoint; start the trial afresh");
            }
            var saved = reader.ReadString();
            if (saved != assignment)
            {
                throw new CheckpointFormatException($"the checkpoint belongs to the assignment '{saved}', not '{assignment}'; resume a trial with its own checkpoint");
            }
            var completedEpochs = reader.ReadInt32();
            var optimizerSteps = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (count != state.Count + 1)
            {
                throw new CheckpointFormatException($"the checkpoint holds {count} tensors where this trial has {state.Count + 1}; it was written by another version");
            }
            foreach (var tensor in state)
            {
                var bytes = ReadBlock(reader);
                if (bytes.Length != tensor.bytes.Length)
                {
                    throw new CheckpointFormatException($"a checkpoint tensor has {bytes.Length} bytes where this trial's has {tensor.bytes.Length}; the checkpoint is truncated or from another model");
                }
                tensor.bytes = bytes;
            }
            var generatorState = ReadBlock(reader);
            if (reader.BaseStream.Position != checkpoint.Length)
            {
                throw new CheckpointFormatException("the checkpoint has bytes after its end; it is corrupt");
            }
            return (completedEpochs, optimizerSteps, generatorState);
        }
        catch (EndOfStreamException error)
        {
            throw new CheckpointFormatException("the checkpoint ends early; it is truncated", error);
        }
    }

    private static byte[] ReadBlock(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }
}
