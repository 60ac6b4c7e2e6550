namespace Tuner.TrialWorker.Models;

/// <summary>One convolution block: "same"-padded convolution, optional 2x2 max-pool and dropout after it.</summary>
public sealed record ConvBlockSpec(int Filters, int KernelSize, bool Pool, double Dropout);
