namespace Tuner.Shared.Protocol;

/// <summary>Tells idle workers that work exists; a worker with a free slot then asks for it.</summary>
public sealed record WorkAvailable : IProtocolMessage
{
    public static WorkAvailable Instance { get; } = new();
}
