using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Sessions;

public sealed class SessionSmokeTests
{
    [Fact]
    public async Task Smoke()
    {
        await using var host = await SessionsHost.StartAsync();
        var facilitator = new TestChat(host, "facilitator", "Fanny Animatrice");
        var id = await facilitator.CreateSessionAsync(host);
        var alice = new TestChat(host);
        var said = await alice.Says("sessions");
        Console.WriteLine(said.Text);
        said = await alice.Clicks("Réserver");
        Console.WriteLine(said.Text);
        said = await alice.Says("mes sessions");
        Console.WriteLine(said.Text);
        Assert.True(id > 0);
    }
}
