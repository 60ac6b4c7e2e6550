namespace Tuner.TrialWorker.Models;

/// <summary>One hidden dense layer: its width, the L2 factor on its kernel and the dropout rate after it.</summary>
public sealed record DenseLayerSpec(int Units, double L2, double Dropout);
