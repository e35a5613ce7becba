using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Dialogs.Intents;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Tests.ExperienceDirectory;

/// <summary>The directory's buttons carry typed intents: the answer to an introduction is the one the intent names.</summary>
public sealed class DirectoryIntentTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectoryHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Bruno's card is published; Alice finds it and asks for an introduction.</summary>
    private async Task<(TestChat Bruno, TestChat Alice)> AliceAsksBrunoAsync()
    {
        var bruno = new TestChat(_host, "bruno", "Bruno Lemaire", channel: "teams-test");
        var alice = new TestChat(_host, "alice", "Alice Martin", channel: "slack-test");
        await bruno.PublishesAsync("financement participatif");
        await alice.Says("qui peut m'aider sur le financement participatif ?");
        (await alice.Clicks("Demander une mise en relation")).Answers("Demande envoyée à Bruno");
        return (bruno, alice);
    }

    [Fact]
    public async Task Blocking_from_the_request_card_with_only_its_intent_blocks_the_asker()
    {
        var (bruno, alice) = await AliceAsksBrunoAsync();

        var block = _host.Sent().To("conv-bruno").SelectMany(r => r.Card?.Choices ?? []).Single(c => c.Label == "Bloquer cette personne");
        Assert.IsType<BlockMember>(IntentCodec.Read(block.Action, typeof(BlockMember)));
        (await bruno.ClicksValue("", null, block.Action)).Answers("ne vous verra plus dans l'annuaire");
        Assert.Equal(1, await _host.DbAsync(db => db.Set<DirectoryBlock>().CountAsync()));
        (await alice.Says("qui peut m'aider sur le financement participatif ?")).Answers("Personne dans l'annuaire").DoesNotSay("Bruno");
    }

    [Fact]
    public async Task An_introduction_answer_from_an_older_card_is_told_so_and_accepts_nothing()
    {
        var (bruno, _) = await AliceAsksBrunoAsync();

        var accept = _host.Sent().To("conv-bruno").SelectMany(r => r.Card?.Choices ?? []).Single(c => c.Label == "Accepter");
        (await bruno.ClicksValue(accept.Value, null, accept.Action! with { Version = 0 })).Answers("Ce bouton vient d'une ancienne version");
        Assert.Equal(IntroductionStatus.Pending, await _host.DbAsync(db => db.Set<IntroductionRequest>().Select(r => r.Status).SingleAsync()));
    }
}
