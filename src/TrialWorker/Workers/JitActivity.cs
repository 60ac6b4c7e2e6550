using System.Globalization;
using System.Runtime;

namespace Tuner.TrialWorker.Workers;

/// <summary>
/// How many methods this process's JIT has compiled and for how long, all tiers counted. `tuner bench coordinator`
/// reads it in every process it runs, to show that the stretch it measures is past start-up: a process that still
/// compiles is not yet in the steady state it would keep for the hours of a study.
/// </summary>
public readonly record struct JitActivity(long Methods, TimeSpan Time)
{
    private const string Prefix = "# jit: ";

    public static JitActivity OfThisProcess() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public JitActivity Since(JitActivity earlier) => new(Methods - earlier.Methods, Time - earlier.Time);

    public static JitActivity operator +(JitActivity a, JitActivity b) => new(a.Methods + b.Methods, a.Time + b.Time);

    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Methods} methods, {Time.Ticks} ticks");

    /// <summary>The activity a line from <see cref="ToLine"/> reports, or null for any other line.</summary>
    public static JitActivity? FromLine(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = line[Prefix.Length..].Split(' ');
        return parts is [var methods, "methods,", var ticks, "ticks"]
            && long.TryParse(methods, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
                ? new JitActivity(m, TimeSpan.FromTicks(t))
                : null;
    }

    /// <summary>
    /// Writes this process's activity to <paramref name="output"/> whenever it changed, checking
    /// <paramref name="every"/>, until <paramref name="stop"/>: a line a change, so the steady state writes almost none.
    /// </summary>
    public static async Task ReportAsync(TextWriter output, TimeSpan every, CancellationToken stop)
    {
        var reported = new JitActivity(-1, TimeSpan.Zero);
        using var timer = new PeriodicTimer(every);
        try
        {
            do
            {
                var now = OfThisProcess();
                if (now.Methods != reported.Methods)
                {
                    await output.WriteLineAsync(now.ToLine());
                    reported = now;
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
