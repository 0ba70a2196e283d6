using Microsoft.Extensions.Logging;

namespace SessionService.Silo.ClusterSecret;

/// <summary>
/// Refuses every grain call that does not carry a valid <see cref="ICallProof"/> for itself. Orleans runs
/// incoming filters for calls to grains (system grains such as the management grain included), to system
/// targets and, on a client, to its observers.
/// </summary>
/// <remarks>
/// What a filter cannot see: the connection handshake, membership reads and writes (those go to
/// PostgreSQL), and messages that are not calls (responses, rejections, status). The proof binds the
/// call's target and method and a time, not its arguments, and the transport is plain TCP: anyone who can
/// read the traffic can replay a proof against the same grain method within the clock skew with other
/// arguments. Silo and gateway ports therefore still belong on a private network (or inside mTLS).
/// </remarks>
public sealed partial class CheckingIncomingCalls(ICallProof proof, ILogger<CheckingIncomingCalls> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (IsLocalTimerTick(context)
            || proof.Verify(RequestContext.Get(CallProof.ContextKey), context))
        {
            return context.Invoke();
        }

        LogRefused(logger, context.InterfaceType.ToString(), context.MethodName, context.TargetId.ToString());
        throw new UnauthorizedAccessException("The grain call carries no valid cluster-secret proof.");
    }

    /// <summary>
    /// A grain timer's tick is delivered through the same filters, with the timer itself as the request.
    /// That object is made inside the silo and has no serializer, so it cannot arrive from the network;
    /// the message header's interface type can, which is why the request's own type is what is checked.
    /// </summary>
    private static bool IsLocalTimerTick(IIncomingGrainCallContext context)
    {
        var type = context.Request.GetInterfaceType();
        return type.FullName == "Orleans.Runtime.IGrainTimerInvoker" && type.Assembly == typeof(Orleans.Runtime.Silo).Assembly;
    }

    [LoggerMessage(EventId = 3001, EventName = "GrainCallRefused", Level = LogLevel.Warning,
        Message = "Refused a grain call without a valid cluster-secret proof: {Interface}.{Method} on {Target}")]
    private static partial void LogRefused(ILogger logger, string @interface, string method, string target);
}
