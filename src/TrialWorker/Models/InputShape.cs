namespace Tuner.TrialWorker.Models;

/// <summary>Single-channel images of <see cref="Rows"/> x <see cref="Columns"/> pixels, sorted into <see cref="Classes"/> classes.</summary>
public sealed record InputShape(int Rows, int Columns, int Classes)
{
    public static InputShape Mnist { get; } = new(28, 28, 10);

    public int Pixels => Rows * Columns;
}
