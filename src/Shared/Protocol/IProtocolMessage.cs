namespace Tuner.Shared.Protocol;

/// <summary>Marks the messages that cross the network; all of them, and only them, go through <see cref="ProtocolSerializer"/>.</summary>
public interface IProtocolMessage;
