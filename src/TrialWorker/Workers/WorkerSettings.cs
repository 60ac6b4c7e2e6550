namespace Tuner.TrialWorker.Workers;

/// <summary>How a worker behaves; bound from the "Worker" configuration section.</summary>
public sealed class WorkerSettings
{
    /// <summary>A name unique in the cluster; defaults to host name and process id.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Trials trained at once; each gets its own thread.</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>Torch threads per trial: parallelism for small models comes from concurrent trials (FACTS.md).</summary>
    public int ThreadsPerTrial { get; set; } = 1;

    /// <summary>How often the worker announces itself and re-sends what is not yet acknowledged.</summary>
    public TimeSpan RegisterInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A worker that reaches no coordinator for this long exits (code 3). Until then a worker removed from the cluster,
    /// as happens when its coordinator restarts, starts its node again and rejoins.
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Leave the cluster when the coordinator says the study is finished.</summary>
    public bool ExitWhenStudyFinishes { get; set; } = true;
}
