namespace Tuner.Coordinator.Coordination;

/// <summary>How the coordinator watches over a running study; bound from the "Study" configuration section.</summary>
public sealed class StudyRunSettings
{
    /// <summary>A running trial that shows no epoch for this long is taken for hung and given to another worker.</summary>
    public TimeSpan ProgressTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A worker not heard from (registration, progress, results) for this long is forgotten.</summary>
    public TimeSpan WorkerSilence { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often deadlines and silences are checked.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);
}
