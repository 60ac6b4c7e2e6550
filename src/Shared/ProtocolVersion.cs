namespace Tuner.Shared;

/// <summary>The wire protocol's version; a worker of another version is refused when it joins.</summary>
public static class ProtocolVersion
{
    public const int Current = 3;
}
