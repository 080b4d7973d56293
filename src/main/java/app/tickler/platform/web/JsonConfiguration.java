package app.tickler.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import app.tickler.platform.EntityId;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.module.SimpleModule;

/** Teaches JSON and request binding the id records: written as strings, read from strings or numbers. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration implements WebMvcConfigurer {

    @Bean
    JacksonModule entityIdModule() {
        SimpleModule module = new SimpleModule("tickler-ids") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializers(new EntityIdDeserializers());
            }
        };
        module.addSerializer(EntityId.class, new ValueSerializer<>() {
            @Override
            public void serialize(EntityId id, JsonGenerator generator, SerializationContext context) {
                generator.writeString(Long.toString(id.value()));
            }
        });
        return module;
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new ConverterFactory<String, EntityId>() {
            @Override
            public <T extends EntityId> Converter<String, T> getConverter(Class<T> targetType) {
                return text -> text.isBlank() ? null : EntityIds.parse(targetType, text);
            }
        });
    }

    private static final class EntityIdDeserializers extends Deserializers.Base {

        @Override
        public ValueDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription.Supplier description) {
            return hasDeserializerFor(config, type.getRawClass()) ? new EntityIdDeserializer(type.getRawClass()) : null;
        }

        @Override
        public boolean hasDeserializerFor(DeserializationConfig config, Class<?> type) {
            return EntityId.class.isAssignableFrom(type) && !type.isInterface();
        }
    }

    private static final class EntityIdDeserializer extends ValueDeserializer<EntityId> {

        private final Class<? extends EntityId> type;

        @SuppressWarnings("unchecked")
        EntityIdDeserializer(Class<?> type) {
            this.type = (Class<? extends EntityId>) type;
        }

        @Override
        public EntityId deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return EntityIds.of(type, parser.getLongValue());
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return EntityIds.parse(type, parser.getString());
                } catch (IllegalArgumentException e) {
                    return (EntityId) context.handleWeirdStringValue(type, parser.getString(), "not an id");
                }
            }
            return (EntityId) context.handleUnexpectedToken(type, parser);
        }
    }
}
