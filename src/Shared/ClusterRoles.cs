namespace Tuner.Shared;

/// <summary>The cluster's roles, and where each role's actor lives so that the other side can find it.</summary>
public static class ClusterRoles
{
    public const string Coordinator = "coordinator";
    public const string Worker = "worker";
    public const string CoordinatorActorName = "coordinator";
}
