using System.Globalization;

namespace Tuner.Coordinator.Commands;

/// <summary>This process's memory figures as Linux reports them in /proc/self/status.</summary>
public static class ProcessMemory
{
    /// <summary>The named field (VmHWM: peak resident set, VmRSS: current) in MiB, or "n/a" off Linux.</summary>
    public static string Read(string field)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return "n/a";
        }
        var line = File.ReadLines(Status).FirstOrDefault(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? "n/a" : (long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024).ToString(CultureInfo.InvariantCulture);
    }
}
