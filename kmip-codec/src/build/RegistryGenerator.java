/** Placeholder until the registry table lands: creates the output folder and nothing else. */
public class RegistryGenerator {
    public static void main(String[] args) throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[1]));
    }
}
