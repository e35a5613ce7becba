using System.Text.RegularExpressions;
using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;
using Communaute.Dialogs.Characterisation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>The small frictions a new member met (issue 21), each as the member meets it.</summary>
public sealed class WhatAPersonSeesTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _host = await SessionsHost.StartAsync(listen: true);
        _folder = Directory.CreateTempSubdirectory("person-sees-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_deletion_confirmation_puts_keeping_first_and_primary_deleting_second_and_destructive_and_offers_no_pause()
    {
        var said = await new TestChat(_host).Says("supprimer mes données");
        var card = said.Replies.Single(r => r.Card is not null).Card!;
        Assert.Equal(["Non, garder mes données", "Oui, tout supprimer"], card.Choices.Select(c => c.Label));
        Assert.Equal([ChoiceStyle.Primary, ChoiceStyle.Destructive], card.Choices.Select(c => c.Style));
        // As Teams and the page draw it.
        var actions = AdaptiveCardRenderer.Render(card)["actions"]!.AsArray();
        Assert.Equal("positive", (string?)actions[0]!["style"]);
        Assert.Equal("destructive", (string?)actions[1]!["style"]);
        // « 1 » in the terminal keeps the data.
        Assert.Equal("non", card.Choices[0].Value);
    }

    [Fact]
    public async Task A_skipped_criterion_is_recorded_as_skipped_not_as_i_dont_know_in_the_summary_profile_and_export()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        // Criterion 10 « je ne sais pas », criterion 11 « passer ».
        var levels = CharacterisationPath.DefaultLevels.ToArray();
        levels[10] = "passer";
        var summary = await CharacterisationPath.AnswerCriteria(alice, levels);
        summary.Answers("Place des enjeux environnementaux : passé", "Viabilité économique : je ne sais pas");

        var profile = await alice.Clicks("Valider");
        var facts = profile.Replies.SelectMany(r => r.Card?.Facts ?? []).ToList();
        Assert.Equal("Viabilité économique", Assert.Single(facts, f => f.Label == "Je ne sais pas encore").Value);
        Assert.Equal("Place des enjeux environnementaux", Assert.Single(facts, f => f.Label == "Passé").Value);

        var markdown = await ExportedAsync(alice, ".md");
        Assert.Matches(@"## Je ne sais pas encore\s+- Viabilité économique", markdown);
        Assert.Matches(@"## Critères passés\s+- Place des enjeux environnementaux", markdown);
        Assert.DoesNotMatch(@"## Je ne sais pas encore[^#]*Place des enjeux", markdown);

        // Stored apart: read back after the dialog, the profile still tells them apart.
        (await alice.Says("mon profil")).Answers("Passé");
    }

    [SkippableFact]
    public async Task The_pdf_says_skipped_apart_from_i_dont_know_and_weighs_little()
    {
        ExternalTools.RequireProgram("pdftotext", "poppler-utils");
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        var levels = CharacterisationPath.DefaultLevels.ToArray();
        levels[10] = "passer";
        await CharacterisationPath.AnswerCriteria(alice, levels);
        await alice.Clicks("Valider");
        var pdf = Path.Combine(_folder, "profil.pdf");
        await File.WriteAllBytesAsync(pdf, await ExportedBytesAsync(alice, ".pdf"));
        var (code, text) = await ExternalTools.RunAsync("pdftotext", ["-layout", pdf, "-"], _folder, null, TimeSpan.FromMinutes(1), stdoutOnly: true);
        Assert.Equal(0, code);
        var flat = Regex.Replace(text, @"\s+", " ");
        File.Copy(pdf, Path.Combine(Path.GetTempPath(), "communaute-profil-passe.pdf"), overwrite: true);
        Assert.Contains("Critères passés", flat);
        // The chart's labels (wrapped around the radar) and its key.
        Assert.Matches(@"Place des enjeux\s[^?]*\(passé\)", text);
        Assert.Contains("(?)", flat);
        Assert.Contains("– : passé", flat);
        // Three pages of text and a vector chart: a few hundred kilobytes at most, not a megabyte.
        var size = new FileInfo(pdf).Length;
        Assert.True(size < 300_000, $"Le PDF pèse {size / 1024} Ko.");
    }

    [Fact]
    public async Task The_markdown_export_links_the_radar_png()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.Complete(alice);
        var markdown = await ExportedAsync(alice, ".md");
        var image = Regex.Match(markdown, @"!\[[^\]]+\]\((?<url>[^)]+)\)");
        Assert.True(image.Success, markdown);
        Assert.Matches(@"/media/[^?]+\.png", image.Groups["url"].Value);
        using var http = _host.CreateClient();
        var png = await http.GetAsync(new Uri(image.Groups["url"].Value).PathAndQuery.TrimStart('/'));
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Going_back_shows_the_answer_given_before()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        await alice.Says("faible : nous cherchons des partenaires");
        (await alice.Says("retour")).Answers("Caractère collectif du projet", "Vous aviez répondu : « Faible » (note : nous cherchons des partenaires)");
        await alice.Says("fort");
        await alice.Says("passer");
        (await alice.Says("retour")).Answers("Richesse du collectif", "vous l'aviez passée");
        (await alice.Says("retour")).Answers("Caractère collectif du projet", "Vous aviez répondu : « Fort »");
    }

    [Fact]
    public void Labels_are_cut_between_two_words_never_inside_one()
    {
        Assert.Equal("Trouver des financements…", TextCut.AtWord("Trouver des financements pour l'essaimage", 36));
        Assert.Equal("Court", TextCut.AtWord("Court", 36));
        Assert.Equal("Aquitaine : stratégie régionale et actions de soutien…",
            TextCut.AtWord("Aquitaine : stratégie régionale et actions de soutien à l'innovation sociale", 57));
        Assert.True(TextCut.AtWord(new string('x', 100), 20).Length <= 20);
    }

    [Fact]
    public async Task A_session_s_cancel_button_cuts_a_long_title_between_words()
    {
        var facilitator = new TestChat(_host, "facilitator", "Fanny");
        var first = await facilitator.CreateSessionAsync(_host, "Trouver des financements pour l'essaimage d'un projet", "10/12/2026");
        var second = await facilitator.CreateSessionAsync(_host, "Co-développement des incubés", "17/12/2026");
        var alice = new TestChat(_host);
        await alice.Says($"réserver {first}");
        await alice.Says($"réserver {second}");
        var cancel = (await alice.Says("annuler ma réservation")).Answers("Quelle réservation annuler ?");
        var label = cancel.Choices.First(c => c.Label.Contains("financements", StringComparison.Ordinal)).Label;
        Assert.Matches(@"^Annuler « Trouver des financements( pour l'essaimage)?… »$", label);
    }

    [Fact]
    public async Task With_one_booking_cancelling_asks_to_confirm_not_which()
    {
        var facilitator = new TestChat(_host, "facilitator", "Fanny");
        var id = await facilitator.CreateSessionAsync(_host);
        var alice = new TestChat(_host);
        await alice.Says($"réserver {id}");
        var cancel = (await alice.Says("annuler ma réservation")).Answers("Annuler votre réservation ?").DoesNotSay("Quelle réservation");
        Assert.Equal("Annuler ma réservation", Assert.Single(cancel.Choices).Label);
        (await alice.Clicks("Annuler ma réservation")).Answers("est annulée");
    }

    [Fact]
    public async Task The_first_booking_form_marks_no_field_required_since_both_are_optional()
    {
        var facilitator = new TestChat(_host, "facilitator", "Fanny");
        var id = await facilitator.CreateSessionAsync(_host);
        var booked = await new TestChat(_host).Says($"réserver {id}");
        var form = booked.Replies.Select(r => r.Card).Single(c => c?.Inputs.Count > 0)!;
        Assert.Contains("facultatif", form.Subtitle);
        Assert.All(form.Inputs, i => Assert.False(i.Required, i.Label));
        Assert.DoesNotContain("isRequired", AdaptiveCardRenderer.Render(form).ToJsonString());
    }

    [Fact]
    public async Task Forwarding_from_an_older_card_forwards_that_question_and_says_which()
    {
        var alice = new TestChat(_host);
        var cake = await alice.Says("Comment faire un gâteau au chocolat ?");
        await alice.Says("Quel temps fera-t-il à Brest demain ?");
        var forward = cake.Choices.Single(c => c.Label == "Transmettre aux animateurs");
        (await alice.ClicksValue(forward.Value, null)).Answers("transmis", "« Comment faire un gâteau au chocolat ? »").DoesNotSay("Brest");
        (await alice.ClicksValue(forward.Value, null)).Answers("déjà fait", "« Comment faire un gâteau au chocolat ? »");
        // Typed, « transmettre » still means the last question.
        (await alice.Says("transmettre")).Answers("transmis", "Brest");
    }

    [Fact]
    public async Task French_plurals_are_written_out_without_parenthesised_s()
    {
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        var summary = await CharacterisationPath.AnswerCriteria(alice);
        summary.Answers("3 questions ouvertes renseignées sur 3").DoesNotSay("(s)");
    }

    [Fact]
    public async Task The_unanswered_list_says_when_it_shows_only_the_first_ten()
    {
        string[] questions =
        [
            "Comment faire un gâteau au chocolat ?", "Quel temps fera-t-il à Brest demain ?", "Qui a gagné le match de football hier soir ?",
            "Quelle est la recette de la tartiflette ?", "À quelle heure ouvre le cinéma du quartier ?", "Combien coûte le litre d'essence ?",
            "Quel est le cours du bitcoin ?", "Quelle est la plus belle plage de Corse ?", "Comment réparer un pneu de vélo crevé ?",
            "Comment apprendre la guitare seul ?", "Comment élever des poules dans son jardin ?", "Où acheter un télescope pour observer Saturne ?",
        ];
        for (var i = 0; i < questions.Length; i++) await new TestChat(_host, "membre" + i).Says(questions[i]);
        var list = await new TestChat(_host, "facilitator", "Fanny").Says("questions sans réponse");
        list.Answers("les 10 premières", "il y en a plus").DoesNotSay("(10)");
        Assert.Equal(10, list.Replies.Count(r => r.Card is not null));
    }

    [Fact]
    public async Task The_terminal_s_help_speaks_of_numbers_not_of_clicking()
    {
        (await new TestChat(_host, channel: "terminal").Says("aide")).Answers("Tapez le numéro d'un choix").DoesNotSay("Cliquez");
        (await new TestChat(_host, "bob", channel: "webchat").Says("aide")).Answers("Cliquez un bouton");
    }

    [Fact]
    public async Task The_bot_writes_potentiel_de_transformation_sociale_and_the_source_keeps_its_spelling()
    {
        var criterion = Grid.Current.Criteria.Single(c => c.Id == "potentiel-transformation");
        Assert.Equal("Potentiel de transformation sociale", criterion.Name);
        Assert.Equal("Potentiel de transformation social", criterion.SourceName);
        var alice = new TestChat(_host);
        await CharacterisationPath.StartAndAnswerKeyQuestions(alice);
        BotSaid step = null!;
        for (var i = 0; i < 6; i++) step = await alice.Says("faible");
        step.Answers("Contenu — Potentiel de transformation sociale");
        // The citation of the source grid keeps the source's words.
        var file = await File.ReadAllTextAsync(Path.Combine(RepoPaths.KnowledgeBase, criterion.KnowledgeEntry + ".md"));
        Assert.Contains("Potentiel de transformation social**", file);
    }

    [SkippableFact]
    public async Task The_terminal_chat_prints_no_empty_colour_escapes_in_a_tty()
    {
        ExternalTools.RequireProgram("script", "util-linux");
        var bot = Path.Combine(RepoPaths.Root, "Bot", "bin", "Debug", "net10.0", "Communaute.Bot.dll");
        Skip.IfNot(File.Exists(bot), "le bot n'est pas construit en Debug");
        var stdin = Path.Combine(_folder, "in.txt");
        await File.WriteAllTextAsync(stdin, "aide\nQu'est-ce que le FISO ?\nquitter\n");
        var command = $"dotnet '{bot}' chat --name Test --Storage:ConnectionString='Data Source={Path.Combine(_folder, "chat.db")}' < '{stdin}'";
        var (code, output) = await ExternalTools.RunAsync("script", ["-qec", command, "/dev/null"], _folder, null, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        Assert.Contains("Ce que je sais faire", output);
        var empty = Regex.Matches(output, @"(\u001b\[[0-9;]*m){2,}").Select(m => m.Value.Replace("\u001b", "ESC")).Distinct().ToList();
        Assert.True(empty.Count == 0, "Séquences vides : " + string.Join(" ", empty));
    }

    private async Task<byte[]> ExportedBytesAsync(TestChat chat, string extension)
    {
        var export = await chat.Says("exporter mon profil");
        var link = export.Replies.Single(r => r.Card is not null).Card!.Links.First(l => TestLinks.Of(l.Url).AbsolutePath.EndsWith(extension, StringComparison.Ordinal));
        using var http = _host.CreateClient();
        return await http.GetByteArrayAsync(TestLinks.Of(link.Url).PathAndQuery.TrimStart('/'));
    }

    private async Task<string> ExportedAsync(TestChat chat, string extension) =>
        System.Text.Encoding.UTF8.GetString(await ExportedBytesAsync(chat, extension));
}
