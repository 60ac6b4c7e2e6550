namespace Tuner.Coordinator.SearchSpaces;

/// <summary>A study file that cannot be used; <see cref="JsonPath"/> points at the fault, e.g. <c>$.parameters[3].max</c>.</summary>
public sealed class StudyFileException : Exception
{
    public StudyFileException(string jsonPath, string problem)
        : base($"{jsonPath}: {problem}")
    {
        JsonPath = jsonPath;
        Problem = problem;
    }

    public StudyFileException()
    {
        JsonPath = "$";
        Problem = "the study file is not valid";
    }

    public StudyFileException(string message)
        : base(message)
    {
        JsonPath = "$";
        Problem = message;
    }

    public StudyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = "$";
        Problem = message;
    }

    public string JsonPath { get; }

    public string Problem { get; }
}
