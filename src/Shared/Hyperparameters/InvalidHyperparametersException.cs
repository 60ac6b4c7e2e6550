namespace Tuner.Shared.Hyperparameters;

/// <summary>An assignment that cannot be turned into a model or a training run; the message says which value and why.</summary>
public sealed class InvalidHyperparametersException : Exception
{
    public InvalidHyperparametersException(string message)
        : base(message)
    {
    }

    public InvalidHyperparametersException()
    {
    }

    public InvalidHyperparametersException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
