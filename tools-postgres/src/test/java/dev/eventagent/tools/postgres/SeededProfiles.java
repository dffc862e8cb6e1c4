package dev.eventagent.tools.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Fifty developer profiles for the similarity tests: eight written about Kubernetes operators in
 * Go (they share the words of the query "Kubernetes operator in Go"), forty-two about unrelated
 * work that uses none of those words. The testing embedder hashes words, so sharing words is
 * what makes texts close.
 */
final class SeededProfiles {

    /** One profile. */
    record Profile(String email, String name, String text, boolean kubernetesGo) {
    }

    static final List<String> KUBERNETES_GO = List.of(
            "Builds Kubernetes operator controllers in Go with controller-runtime and kubebuilder.",
            "Go developer who maintains a Kubernetes operator for Postgres clusters.",
            "Kubernetes platform engineer: writes Go services and an operator for certificate rotation.",
            "Wrote the Go operator that reconciles Kubernetes custom resources for our message queues.",
            "SRE running Kubernetes in production; writes Go tooling and operator upgrades.",
            "Contributes to Kubernetes client libraries in Go and designs operator patterns.",
            "Backend Go engineer, Kubernetes operator author, gRPC APIs.",
            "Maintains the Kubernetes operator SDK plugins, all written in Go.");

    static final List<String> UNRELATED = List.of(
            "Frontend developer: React, TypeScript, CSS animations and accessibility audits.",
            "Android apps with Kotlin and Jetpack Compose; offline sync with Room.",
            "iOS engineer writing Swift and SwiftUI, App Store releases, push notifications.",
            "Data scientist: pandas, scikit-learn, churn models and A/B test analysis.",
            "Designs relational schemas and tunes slow SQL queries on Oracle.",
            "Technical writer for public REST API documentation and tutorials.",
            "Game developer using Unity and C# for mobile puzzle titles.",
            "Embedded C firmware for battery management microcontrollers.",
            "Security analyst: threat modelling, penetration tests, OWASP reviews.",
            "UX researcher running usability studies and card sorting workshops.",
            "Ruby on Rails monolith maintainer, Sidekiq jobs, Postgres migrations.",
            "PHP and Laravel e-commerce checkout flows, payment providers.",
            "Machine learning engineer training PyTorch vision models on GPUs.",
            "Spark and Scala batch pipelines feeding the finance data warehouse.",
            "Salesforce administrator automating sales workflows with Apex.",
            "QA engineer writing Selenium and Playwright end-to-end suites.",
            "Network engineer configuring BGP, firewalls and VPN tunnels.",
            "Haskell compiler hacker interested with type systems and parsers.",
            "Excel and Power BI dashboards for the operations team.",
            "Elixir and Phoenix realtime chat backends with LiveView.",
            "Accessibility specialist auditing colour contrast and screen reader flows.",
            "Blockchain smart contracts written with Solidity, audits of DeFi protocols.",
            "Computer graphics: shaders, Vulkan renderers and ray tracing.",
            "Audio DSP plugins with JUCE and C++ for music producers.",
            "Product designer sketching Figma prototypes and design systems.",
            "Mainframe COBOL batch jobs and JCL for the billing system.",
            "Search relevance tuning with Elasticsearch analyzers and synonyms.",
            "Marketing site built with WordPress themes and SEO plugins.",
            "Robotics engineer writing ROS nodes and motion planning with Python.",
            "Natural language processing: tokenizers, transformers and text classification.",
            "Windows desktop apps with WPF, .NET and MVVM patterns.",
            "Scientific computing with Fortran and MPI on supercomputers.",
            "Hardware verification engineer writing SystemVerilog testbenches.",
            "Customer support tooling: Zendesk macros and help centre articles.",
            "Angular enterprise dashboards with RxJS and NgRx state.",
            "Statistician building Bayesian models with Stan and R.",
            "Flutter and Dart cross-platform apps for a fitness startup.",
            "Legacy Perl scripts for log parsing and report generation.",
            "Video streaming: ffmpeg transcoding ladders and HLS packaging.",
            "Clojure services with Datomic and event sourcing.",
            "Java Spring Boot microservices for insurance claims, Kafka consumers.",
            "Lua scripting for game mods and Nginx OpenResty plugins.");

    private SeededProfiles() {
    }

    static List<Profile> all() {
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < KUBERNETES_GO.size(); i++) {
            profiles.add(new Profile("k8s" + i + "@example.com", "Kube Gopher " + i, KUBERNETES_GO.get(i), true));
        }
        for (int i = 0; i < UNRELATED.size(); i++) {
            profiles.add(new Profile("dev" + i + "@example.com", "Developer " + i, UNRELATED.get(i), false));
        }
        return profiles;
    }
}
