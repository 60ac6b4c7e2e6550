using Tuner.Coordinator.SearchSpaces;

namespace Tuner.Coordinator.Commands;

/// <summary>A study given on the command line: a built-in study's name, or the path of a study file.</summary>
internal static class StudySource
{
    public static Study Resolve(string nameOrPath) =>
        BuiltInStudies.Find(nameOrPath) ??
        (File.Exists(nameOrPath)
            ? StudyFile.Load(nameOrPath)
            : throw new StudyFileException("$", $"'{nameOrPath}' is neither a built-in study ({string.Join(", ", BuiltInStudies.All.Select(s => s.Name))}) nor an existing study file"));
}
