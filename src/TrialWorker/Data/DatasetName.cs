namespace Tuner.TrialWorker.Data;

public enum DatasetName
{
    Mnist,
    FashionMnist,
}
