namespace Tuner.Coordinator.Scheduling;

public enum ScheduleKind
{
    /// <summary>Li et al., JMLR 2018, bracket sizes exactly as in the paper.</summary>
    Hyperband,

    /// <summary>Keras Tuner's HyperbandOracle bracket and rung sizes, to rerun the seed's search on the same budget.</summary>
    Keras,

    /// <summary>Asynchronous successive halving (Li et al., MLSys 2020), promotion form.</summary>
    Asha,
}
