namespace Tuner.TrialWorker.Training;

public enum DataSplit
{
    Train,
    Validation,
    Test,
}
