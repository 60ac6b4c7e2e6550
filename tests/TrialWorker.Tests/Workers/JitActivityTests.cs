using System.Linq.Expressions;
using Tuner.TrialWorker.Workers;

namespace Tuner.TrialWorker.Tests.Workers;

public sealed class JitActivityTests
{
    [Fact]
    public void A_reported_line_reads_back_as_the_same_activity_and_other_lines_read_as_none()
    {
        var activity = new JitActivity(16_234, TimeSpan.FromTicks(81_234_567));

        Assert.Equal(activity, JitActivity.FromLine(activity.ToLine()));
        Assert.Null(JitActivity.FromLine("[WARNING][Thread 0007] # jit: 12 methods, 5 ticks"));
        Assert.Null(JitActivity.FromLine("# jit: twelve methods, 5 ticks"));
        Assert.Null(JitActivity.FromLine("# jit: -12 methods, 5 ticks"));
    }

    [Fact]
    public void Compiling_a_new_method_counts_in_this_process()
    {
        var before = JitActivity.OfThisProcess();
        var seven = Expression.Lambda<Func<int>>(Expression.Constant(7)).Compile(preferInterpretation: false);

        Assert.Equal(7, seven());
        var compiled = JitActivity.OfThisProcess().Since(before);
        Assert.True(compiled.Methods >= 1, $"{compiled.Methods} methods compiled");
        Assert.True(compiled.Time > TimeSpan.Zero);
    }

    [Fact]
    public async Task The_report_writes_a_line_at_once_and_then_only_when_more_was_compiled()
    {
        var output = new LineWriter();
        using var stop = new CancellationTokenSource();
        var reporting = JitActivity.ReportAsync(output, TimeSpan.FromMilliseconds(20), stop.Token);
        var first = await Within(() => output.Lines.Count >= 1);

        var compiled = Expression.Lambda<Func<int>>(Expression.Constant(8)).Compile(preferInterpretation: false);
        Assert.Equal(8, compiled());
        var more = await Within(() => output.Lines.Count >= 2);
        await stop.CancelAsync();
        await reporting;

        var lines = output.Lines;
        Assert.True(first && more, string.Join('\n', lines));
        var reported = lines.Select(JitActivity.FromLine).ToList();
        Assert.All(reported, activity => Assert.NotNull(activity));
        // Counts only grow, so a line that reports no more methods than the one before would be a line with no change.
        Assert.True(reported.Zip(reported.Skip(1)).All(pair => pair.Second!.Value.Methods > pair.First!.Value.Methods), string.Join('\n', lines));
    }

    private static async Task<bool> Within(Func<bool> condition)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return false;
    }

    // Read by the test while the report writes from the thread pool.
    private sealed class LineWriter : TextWriter
    {
        private readonly List<string> _lines = [];

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lines)
            {
                _lines.Add(value ?? "");
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
