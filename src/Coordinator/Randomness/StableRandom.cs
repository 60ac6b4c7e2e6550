namespace Tuner.Coordinator.Randomness;

/// <summary>A SplitMix64 stream: tiny, fast and fully determined by its starting state.</summary>
public sealed class StableRandom(ulong state)
{
    private ulong _state = state;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return StableHash.Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, count); the modulo bias is below 2^-40 for the counts a search space has.</summary>
    public long NextLong(long count) => (long)(NextUInt64() % (ulong)count);
}
