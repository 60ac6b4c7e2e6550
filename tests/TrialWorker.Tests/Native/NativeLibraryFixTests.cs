using System.Text;

namespace Tuner.TrialWorker.Tests.Native;

/// <summary>The build weakens TorchSharp's GLIBCXX_3.4.32 requirement only where libstdc++ lacks that version.</summary>
public class NativeLibraryFixTests
{
    [Fact]
    public void The_output_copy_differs_from_the_package_only_where_libstdcxx_lacks_the_version()
    {
        var libStdCxx = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .FirstOrDefault(File.Exists);
        Assert.SkipWhen(libStdCxx is null || !OperatingSystem.IsLinux(), "needs Linux with libstdc++ in a usual place");
        var packageRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var original = File.ReadAllBytes(Path.Combine(packageRoot, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        var output = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));

        var differences = Enumerable.Range(0, original.Length).Where(i => original[i] != output[i]).ToList();
        var defines = File.ReadAllBytes(libStdCxx!).AsSpan().IndexOf(Encoding.ASCII.GetBytes("GLIBCXX_3.4.32\0")) >= 0;

        Assert.Equal(original.Length, output.Length);
        if (defines)
        {
            Assert.Empty(differences);
        }
        else
        {
            var changed = Assert.Single(differences);
            Assert.Equal(0, original[changed]);
            Assert.Equal(2, output[changed]);
        }
    }
}
