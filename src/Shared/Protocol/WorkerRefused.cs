namespace Tuner.Shared.Protocol;

/// <summary>The coordinator refused the worker, e.g. for speaking another protocol version.</summary>
public sealed record WorkerRefused(string Reason) : IProtocolMessage;
