# Production image: the same setup logic as local (GDAL 3.6 from Debian + the JNI library built
# from Debian's GDAL source by scripts/build-gdal-jni), the router jar, routes and config.
# Build:  docker build -t geoetl .
# Run against Azure (managed identity; see README "Running on Azure"):
#   docker run -p 8080:8080 -e GEOETL_PROFILE=azure -e GEOETL_STORAGE_ACCOUNT=<account> \
#     -e GEOETL_DB_URL=jdbc:postgresql://<server>.postgres.database.azure.com:5432/geoetl?sslmode=require \
#     -e GEOETL_DB_USER=<user> -e GEOETL_DB_PASSWORD=<password> geoetl

FROM debian:bookworm AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      openjdk-17-jdk-headless maven libgdal32 gdal-bin swig g++ dpkg-dev ca-certificates nodejs npm >/dev/null
WORKDIR /src
COPY scripts/build-gdal-jni scripts/
RUN GEOETL_JNI_DIR=/opt/gdal-jni scripts/build-gdal-jni
COPY pom.xml .
RUN mvn -B -q -ntp dependency:go-offline
COPY src src
# the console's third-party files (OpenLayers), from npm at pinned versions, into the jar
COPY scripts/vendor-console scripts/
RUN scripts/vendor-console
RUN mvn -B -q -ntp -DskipTests package

FROM debian:bookworm
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      openjdk-17-jre-headless libgdal32 ca-certificates curl >/dev/null && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/gdal-jni/libgdalalljni.so /usr/java/packages/lib/libgdalalljni.so
WORKDIR /app
COPY --from=build /src/target/geoetl.jar geoetl.jar
COPY routes routes
COPY config config
ENV GEOETL_PROFILE=azure GEOETL_HOME=/app
EXPOSE 8080
USER 10001
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fs http://127.0.0.1:8080/api/health || exit 1
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", "geoetl.jar"]
