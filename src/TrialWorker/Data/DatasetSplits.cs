namespace Tuner.TrialWorker.Data;

/// <summary>The three splits a study uses: train to fit, validation to select, test only for the final evaluation.</summary>
public sealed record DatasetSplits(ImageSet Train, ImageSet Validation, ImageSet Test);
