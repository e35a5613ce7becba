using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Conversations;

/// <summary>`chat`: the same bot in a terminal; a number picks one of the choices just shown.</summary>
public sealed class TerminalChatTests
{
    [Fact]
    public async Task A_person_chats_in_the_terminal_and_picks_a_choice_by_number()
    {
        var data = Directory.CreateTempSubdirectory("chat-").FullName;
        try
        {
            var bot = Path.Combine(AppContext.BaseDirectory, "Communaute.Bot.dll");
            var (code, output) = await ExternalTools.RunAsync("dotnet",
                [bot, "chat", $"--Knowledge:Folder={RepoPaths.KnowledgeBase}", $"--Storage:ConnectionString=Data Source={Path.Combine(data, "t.db")}"],
                data, "bonjour\nComment faire un gâteau au chocolat ?\n1\nquitter\n", TimeSpan.FromMinutes(1), stdoutOnly: true);

            Assert.Equal(0, code);
            Assert.Contains("Bonjour", output);
            Assert.Contains("Je ne sais pas", output);
            Assert.Contains("1. Transmettre aux animateurs", output);
            Assert.Contains("C'est transmis", output);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
