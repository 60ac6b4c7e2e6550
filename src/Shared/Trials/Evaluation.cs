namespace Tuner.Shared.Trials;

/// <summary>Loss (mean cross-entropy plus the L2 penalty, as Keras reports it) and accuracy of a model on one split.</summary>
public sealed record Evaluation(double Loss, double Accuracy, int Count);
