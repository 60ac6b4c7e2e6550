namespace Tuner.TrialWorker.Training;

/// <summary>Checkpoint bytes that cannot restore the trial they are offered to.</summary>
public sealed class CheckpointFormatException : Exception
{
    public CheckpointFormatException(string message)
        : base(message)
    {
    }

    public CheckpointFormatException()
    {
    }

    public CheckpointFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
