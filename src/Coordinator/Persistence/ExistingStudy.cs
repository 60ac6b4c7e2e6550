namespace Tuner.Coordinator.Persistence;

/// <summary>What to do when the journal already holds a study.</summary>
public enum ExistingStudy
{
    /// <summary>Resume it when it is the same study; refuse to start when it is another.</summary>
    ResumeSame,

    /// <summary>Resume the recorded study even though the one given differs (its definition, schedule and seed win).</summary>
    Resume,

    /// <summary>Delete its journal and checkpoints and start afresh.</summary>
    Overwrite,
}
