using Microsoft.Extensions.DependencyInjection;

namespace SessionService.Silo.ClusterSecret;

/// <summary>Makes every grain call of a silo or client carry, and every call it receives prove, knowledge of the cluster secret.</summary>
public static class ClusterSecretRegistration
{
    /// <summary>Cluster mode: <c>Orleans:ClusterSecret</c>, the same on every silo and API node.</summary>
    public static IServiceCollection AddClusterSecret(this IServiceCollection services, string secret) =>
        services.AddCallProof(CallProof.FromSecret(secret, TimeProvider.System));

    /// <summary>
    /// Embedded mode: a proof only this process can hold (<see cref="ProcessCallProof"/>). The co-hosted client
    /// calls in-process; the loopback silo port stays open to the machine's other processes, and nothing they
    /// send is obeyed.
    /// </summary>
    public static IServiceCollection AddProcessOnlyCallProof(this IServiceCollection services) =>
        services.AddCallProof(new ProcessCallProof());

    private static IServiceCollection AddCallProof(this IServiceCollection services, ICallProof proof)
    {
        services.AddSingleton(proof);
        services.AddSingleton<IOutgoingGrainCallFilter, ProvingOutgoingCalls>();
        services.AddSingleton<IIncomingGrainCallFilter, CheckingIncomingCalls>();
        return services;
    }
}
