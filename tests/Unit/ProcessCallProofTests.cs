using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using SessionService.Silo.ClusterSecret;

namespace SessionService.Tests.Unit;

/// <summary>
/// Embedded mode's proof is an object of this process: a call inside the process carries it unchanged, and it
/// can neither leave the process nor be made outside it.
/// </summary>
public sealed class ProcessCallProofTests
{
    // The proof does not depend on which call it is made for.
    private static readonly IGrainCallContext Call = null!;

    [Fact]
    public void Verify_Accepts_ItsOwnProof_AndNothingElse()
    {
        var proof = new ProcessCallProof();
        var other = new ProcessCallProof();

        Assert.True(proof.Verify(proof.Create(Call), Call));
        Assert.False(proof.Verify(other.Create(Call), Call));
        Assert.False(proof.Verify(null, Call));
        Assert.False(proof.Verify(proof.Create(Call).ToString(), Call));
        Assert.False(proof.Verify(new object(), Call));
    }

    [Fact]
    public void RequestContextCopy_ForACallInsideTheProcess_KeepsTheSameObject()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var proof = new ProcessCallProof();
        var context = new Dictionary<string, object> { [CallProof.ContextKey] = proof.Create(Call), ["other"] = "value" };

        // What Orleans does with the request context of a call that stays in the process (RequestContextExtensions.Export).
        var copied = services.GetRequiredService<DeepCopier>().Copy(context);

        Assert.NotSame(context, copied);
        Assert.True(proof.Verify(copied[CallProof.ContextKey], Call));
    }

    [Fact]
    public void Serializing_TheProof_ForAnotherProcess_Fails()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var context = new Dictionary<string, object> { [CallProof.ContextKey] = new ProcessCallProof().Create(Call) };

        Assert.ThrowsAny<Exception>(() => serializer.SerializeToArray(context));
        Assert.NotEmpty(serializer.SerializeToArray(new Dictionary<string, object> { [CallProof.ContextKey] = "a string proof" }));
    }
}
