using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

// Marks one version requirement of an ELF64 library weak (VER_FLG_WEAK in .gnu.version_r), if the machine's libstdc++
// does not define that version. Writes a new file, so a hard link into the NuGet cache is never modified.
public class WeakenMissingLibStdCxxVersion : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    [Required] public string Library { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        var libStdCxx = LibStdCxxCandidates.FirstOrDefault(File.Exists);
        if (libStdCxx is null)
        {
            Log.LogMessage(MessageImportance.Normal, "No libstdc++.so.6 found in the usual places; {0} left as it is.", Library);
            return true;
        }
        if (Contains(File.ReadAllBytes(libStdCxx), Encoding.ASCII.GetBytes(Version + "\0")))
        {
            Log.LogMessage(MessageImportance.Low, "{0} defines {1}; {2} left as it is.", libStdCxx, Version, Library);
            return true;
        }

        var elf = File.ReadAllBytes(Library);
        var flagsOffset = FindVernauxFlags(elf, Version);
        if (flagsOffset < 0)
        {
            Log.LogMessage(MessageImportance.Normal, "{0} does not ask for {1}; nothing to do.", Library, Version);
            return true;
        }
        var flags = BitConverter.ToUInt16(elf, flagsOffset);
        if ((flags & VerFlgWeak) != 0)
        {
            return true;
        }
        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, flagsOffset);
        var temporary = Library + ".weakening";
        File.WriteAllBytes(temporary, elf);
        File.Delete(Library);
        File.Move(temporary, Library);
        Log.LogMessage(MessageImportance.High, "{0} lacks {1}: marked that requirement of {2} weak.", libStdCxx, Version, Library);
        return true;
    }

    // Offset of vna_flags of the Vernaux entry named `version`, or -1.
    private static int FindVernauxFlags(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a little-endian ELF64 file");
        }
        var sectionHeaders = checked((int)BitConverter.ToUInt64(elf, 0x28));
        int headerSize = BitConverter.ToUInt16(elf, 0x3A);
        int count = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < count; i++)
        {
            var header = sectionHeaders + i * headerSize;
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            var offset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            var stringTableHeader = sectionHeaders + (int)BitConverter.ToUInt32(elf, header + 0x28) * headerSize;
            var strings = checked((int)BitConverter.ToUInt64(elf, stringTableHeader + 0x18));
            var needed = (int)BitConverter.ToUInt32(elf, header + 0x2C);
            var verneed = offset;
            for (var n = 0; n < needed; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, verneed + 2);
                var aux = verneed + (int)BitConverter.ToUInt32(elf, verneed + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadString(elf, name) == version)
                    {
                        return aux + 4;
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                verneed += (int)BitConverter.ToUInt32(elf, verneed + 12);
            }
        }
        return -1;
    }

    private static string ReadString(byte[] bytes, int start)
    {
        var end = Array.IndexOf(bytes, (byte)0, start);
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }
            if (j == needle.Length)
            {
                return true;
            }
        }
        return false;
    }
}
