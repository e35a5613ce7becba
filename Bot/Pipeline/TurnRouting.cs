using Communaute.Bot.Security;
using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// Checks the routing before any turn runs: every feature has its own line in <see cref="TurnOrder"/>. Two features
/// on one line would be settled by the order they happen to be registered in; the start stops instead, and says which.
/// </summary>
public sealed class TurnRouting(IServiceScopeFactory scopes, ILogger<TurnRouting> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var features = scope.ServiceProvider.GetServices<ITurnFeature>().ToList();
        Check(features);
        IntentDispatch.Check(features);
        logger.LogInformation("Ordre des fonctions : {Order}", string.Join(" → ", features.OrderBy(f => f.Order).Select(f => f.GetType().Name)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws when two features share an order.</summary>
    public static void Check(IEnumerable<ITurnFeature> features)
    {
        var ties = features.GroupBy(f => f.Order).Where(g => g.Select(f => f.GetType()).Distinct().Count() > 1).ToList();
        if (ties.Count == 0) return;
        throw new BotConfigurationException("Routage des tours ambigu : " + string.Join(" ; ", ties.Select(g =>
            $"{string.Join(" et ", g.Select(f => f.GetType().Name).Distinct())} ont le même ordre ({g.Key})"))
            + ". Donnez à chacune sa propre ligne dans TurnOrder.");
    }
}
