namespace SessionService.Silo.ClusterSecret;

/// <summary>What a grain call carries (under <see cref="CallProof.ContextKey"/>) to show it comes from this cluster.</summary>
public interface ICallProof
{
    object Create(IGrainCallContext call);

    bool Verify(object? presented, IGrainCallContext call);
}
