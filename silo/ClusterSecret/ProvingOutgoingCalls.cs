namespace SessionService.Silo.ClusterSecret;

/// <summary>Adds an <see cref="ICallProof"/> for each grain call this process makes (to grains, system targets and observers).</summary>
public sealed class ProvingOutgoingCalls(ICallProof proof) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        RequestContext.Set(CallProof.ContextKey, proof.Create(context));
        return context.Invoke();
    }
}
