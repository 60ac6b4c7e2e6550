namespace Tuner.TrialWorker.Training;

public enum OptimizerKind
{
    Adam,
    Sgd,
    AdamW,
}
