using System.Text;

namespace Tuner.Coordinator.Randomness;

/// <summary>
/// Hashes that are the same on every machine, process and .NET version (unlike <see cref="string.GetHashCode()"/>),
/// so that a study's random choices depend only on its seed and on positions in the schedule.
/// </summary>
public static class StableHash
{
    /// <summary>SplitMix64's finalizer: a bijection that spreads every input bit over the whole output.</summary>
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public static ulong Combine(params ReadOnlySpan<long> parts)
    {
        var hash = 0x243F6A8885A308D3UL;
        foreach (var part in parts)
        {
            hash = Mix(hash ^ unchecked((ulong)part));
        }
        return hash;
    }

    /// <summary>FNV-1a over the UTF-8 bytes, then mixed.</summary>
    public static ulong Of(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }
        return Mix(hash);
    }
}
