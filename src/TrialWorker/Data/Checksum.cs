using System.Security.Cryptography;

namespace Tuner.TrialWorker.Data;

public static class Checksum
{
    public static string Sha256Hex(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
