using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tuner.Coordinator.Tests.Deploy;

/// <summary>A Dockerfile read as far as the deployment checks need: instructions with their continuation lines joined.</summary>
internal sealed partial record Dockerfile(IReadOnlyList<(string Instruction, string Arguments)> Instructions)
{
    public static Dockerfile Read(string path)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }
            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                var parts = pending.Split(' ', 2, StringSplitOptions.TrimEntries);
                instructions.Add((parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : ""));
                pending = "";
            }
        }
        return new Dockerfile(instructions);
    }

    /// <summary>The build-context paths that COPY takes (not those copied from an earlier stage).</summary>
    public IEnumerable<string> CopySources =>
        Arguments("COPY").Where(a => !a.StartsWith("--from=", StringComparison.Ordinal)).SelectMany(a => Words(a)[..^1]);

    /// <summary>The variables set by ENV (KEY=VALUE pairs, values without spaces).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Arguments("ENV").SelectMany(Words).Select(pair => pair.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);

    public IReadOnlyList<string> Entrypoint => ExecForm("ENTRYPOINT");

    public IReadOnlyList<string> Command => Arguments("CMD").Any() ? ExecForm("CMD") : [];

    /// <summary>The project that a RUN line publishes.</summary>
    public string PublishedProject =>
        Arguments("RUN").Select(a => PublishedProjectPattern().Match(a)).Single(m => m.Success).Groups[1].Value;

    private IEnumerable<string> Arguments(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments);

    private string[] ExecForm(string instruction) =>
        JsonSerializer.Deserialize<string[]>(Arguments(instruction).Last())
        ?? throw new InvalidDataException($"{instruction} is not a JSON array");

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProjectPattern();
}
