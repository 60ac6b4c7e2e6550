namespace Tuner.TrialWorker.Data;

/// <summary>A data file is missing, malformed or not the expected one; the message names it and says how to fix it.</summary>
public sealed class DataFileException : Exception
{
    public DataFileException()
    {
    }

    public DataFileException(string message)
        : base(message)
    {
    }

    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
