namespace Tuner.TrialWorker.Data;

/// <summary>The content of an IDX image file: <see cref="Count"/> images of <see cref="Rows"/> x <see cref="Columns"/> bytes.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
