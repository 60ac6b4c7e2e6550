namespace Tuner.Coordinator.Persistence;

/// <summary>The journal holds another study than the one asked for; the message says what differs and what to do.</summary>
public sealed class StudyMismatchException(string message) : Exception(message);
