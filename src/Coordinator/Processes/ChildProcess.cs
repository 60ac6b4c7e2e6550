using System.Diagnostics;
using System.Globalization;

namespace Tuner.Coordinator.Processes;

/// <summary>
/// A program run with the dotnet host, its output read line by line with the time each line arrived, so that a
/// test or a benchmark can wait for what the program says, kill it abruptly, and never leave it running behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int TailLines = 30;

    private readonly Process _process;
    private readonly Action<OutputLine>? _echo;
    private readonly Lock _gate = new();
    private readonly List<OutputLine> _lines = [];
    private readonly List<Waiter> _waiters = [];
    private int _openStreams = 2;

    private ChildProcess(Process process, Action<OutputLine>? echo)
    {
        _process = process;
        _echo = echo;
    }

    /// <summary>For messages: the program's file name and process id.</summary>
    public string Name { get; private set; } = "";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The CPU time the program has used so far, or null once it has ended (the system no longer says).</summary>
    public TimeSpan? ProcessorTime
    {
        get
        {
            try
            {
                return _process.HasExited ? null : _process.TotalProcessorTime;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
    }

    /// <summary>Every line read so far, stdout and stderr interleaved in arrival order.</summary>
    public IReadOnlyList<OutputLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="program"/> <paramref name="arguments"/></c>. <paramref name="environment"/>
    /// adds to (or, with a null value, removes from) this process's environment; <paramref name="echo"/> sees every
    /// line as it arrives, e.g. to copy it into a test's output. <paramref name="launcher"/> runs the dotnet host,
    /// e.g. <c>ip netns exec NS</c> to start it in a network namespace (that replaces itself with the host: same pid).
    /// </summary>
    public static ChildProcess Start(
        string program,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<OutputLine>? echo = null,
        IReadOnlyList<string>? launcher = null)
    {
        var start = new ProcessStartInfo(launcher is [var command, ..] ? command : TunerPrograms.Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (launcher is [_, ..])
        {
            foreach (var argument in launcher.Skip(1).Append(TunerPrograms.Dotnet))
            {
                start.ArgumentList.Add(argument);
            }
        }
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process, echo);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, isError: true);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {start.FileName} {program}");
        }
        child.Name = $"{Path.GetFileName(program)} (pid {process.Id})";
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// The first line, already read or still to come, that <paramref name="matches"/>. Fails when the program ends its
    /// output first or the time is up, with the last lines it wrote in the message.
    /// </summary>
    public async Task<OutputLine> WaitForLineAsync(Func<OutputLine, bool> matches, TimeSpan timeout, string? what = null, CancellationToken cancellation = default)
    {
        var waiter = new Waiter(matches, what);
        bool ended;
        lock (_gate)
        {
            if (_lines.FirstOrDefault(matches) is { } seen)
            {
                return seen;
            }
            ended = _openStreams == 0;
            if (!ended)
            {
                _waiters.Add(waiter);
            }
        }
        if (ended)
        {
            throw new InvalidOperationException($"{Name} ended ({ExitDescription()}) without writing {what ?? "the line waited for"}{Tail()}");
        }
        try
        {
            return await waiter.Found.Task.WaitAsync(timeout, cancellation);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
            throw new TimeoutException($"{Name} did not write {what ?? "the line waited for"} within {timeout.TotalSeconds:F0} s{Tail()}");
        }
    }

    /// <summary>Waits for the program to exit and its output to be read; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellation = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:F0} s{Tail()}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash or a pulled plug would end it: no shutdown hooks, no goodbye to the cluster.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }

    private void OnLine(string? text, bool isError)
    {
        List<Waiter> ended = [];
        OutputLine? line = null;
        List<Waiter> found = [];
        lock (_gate)
        {
            if (text is null)
            {
                if (--_openStreams == 0)
                {
                    ended.AddRange(_waiters);
                    _waiters.Clear();
                }
            }
            else
            {
                line = new OutputLine(DateTimeOffset.UtcNow, isError, text);
                _lines.Add(line);
                found.AddRange(_waiters.Where(w => w.Matches(line)));
                _waiters.RemoveAll(found.Contains);
            }
        }
        if (line is not null)
        {
            _echo?.Invoke(line);
        }
        foreach (var waiter in found)
        {
            waiter.Found.TrySetResult(line!);
        }
        if (ended.Count > 0)
        {
            // Both streams close when the process exits; the exit code follows within moments.
            _process.WaitForExit(TimeSpan.FromSeconds(5));
            foreach (var waiter in ended)
            {
                waiter.Found.TrySetException(new InvalidOperationException($"{Name} ended ({ExitDescription()}) without writing {waiter.What ?? "the line waited for"}{Tail()}"));
            }
        }
    }

    private string ExitDescription()
    {
        try
        {
            return _process.HasExited ? string.Create(CultureInfo.InvariantCulture, $"exit code {_process.ExitCode}") : "output closed";
        }
        catch (InvalidOperationException)
        {
            return "exit code unknown";
        }
    }

    /// <summary>For an error message: how the program ended and what it wrote last.</summary>
    public string HowItEnded() => $"{Name} ended ({ExitDescription()}){Tail()}";

    private string Tail()
    {
        lock (_gate)
        {
            var tail = _lines.Skip(Math.Max(0, _lines.Count - TailLines)).ToList();
            return tail.Count == 0 ? "; it wrote nothing" : $"; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
        }
    }

    private sealed class Waiter(Func<OutputLine, bool> matches, string? what)
    {
        public Func<OutputLine, bool> Matches { get; } = matches;

        public string? What { get; } = what;

        public TaskCompletionSource<OutputLine> Found { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
